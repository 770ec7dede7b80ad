/** Text made safe inside HTML, as element content or a double-quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
