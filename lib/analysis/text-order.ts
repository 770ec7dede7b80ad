/** Orders text by UTF-16 code units, as Go's sort.Strings orders ASCII (netpol-analyzer's order), never by locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
