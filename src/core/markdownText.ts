/**
 * Plain text as Markdown that shows it as written. Not VS Code's MarkdownString.appendText: that
 * turns every space into `&nbsp;`, so a hover cannot wrap between words and breaks them instead
 * ("befor / e it").
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!~|<>]/g, '\\$&');
}
