/// <reference lib="dom" />
import { GroupCell, Level, PairCell } from '../model';

/** The symbol a level is shown with, so the matrix reads without colours. */
export const SYMBOL: Record<Level, string> = { all: '●', some: '◐', none: '○' };
/** What a level means, in words. */
export const LEVEL_TEXT: Record<Level, string> = { all: 'all allowed', some: 'partly allowed', none: 'denied' };

/** A pair cell's words: what is allowed, and in diff mode what changed. */
export function pairText(cell: PairCell): string {
  const change = cell.change ? `; ${cell.change === 'added' ? 'widened' : cell.change === 'removed' ? 'narrowed' : 'changed'}, was ${cell.before}` : '';
  return `${LEVEL_TEXT[cell.level]}: ${cell.text}${change}`;
}

/** A group cell's words: how many pairs connect, and in diff mode how many changed. */
export function groupText(cell: GroupCell): string {
  const changes = [cell.added > 0 ? `${cell.added} widened` : '', cell.removed > 0 ? `${cell.removed} narrowed` : ''].filter(Boolean).join(', ');
  return `${LEVEL_TEXT[cell.level]}: ${cell.connected} of ${cell.pairs} pairs connected${changes ? `; ${changes}` : ''}`;
}

/** The CSS class of a cell's change. */
export function changeClass(cell: { added: number; removed: number }): string {
  return cell.added > 0 && cell.removed > 0 ? 'changed' : cell.added > 0 ? 'added' : cell.removed > 0 ? 'removed' : '';
}
