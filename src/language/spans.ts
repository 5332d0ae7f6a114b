import * as vscode from 'vscode';
import { Severity } from '../core/exposition/diagnostic';
import { Span } from '../core/exposition/model';

export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.line, span.start, span.line, span.end);
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnosticSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return SEVERITIES[severity];
}
