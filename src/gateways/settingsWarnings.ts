import { RepeatFilter } from '../core/repeatFilter';
import { userPrompts } from '../ui/prompts';

const shown = new RepeatFilter();

/** Warnings about the gateway and explorer settings and the files they name, shown once rather than at every refresh. */
export const settingsWarnings = {
  warn(subject: string, message: string): void {
    if (shown.passes(subject, message)) {
      void userPrompts().notify('warning', message);
    }
  },
  clear(subject: string): void {
    shown.clear(subject);
  },
};
