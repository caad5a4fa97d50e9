/**
 * The building blocks of a notification e-mail, each in two forms at once: plain text, and HTML in
 * which every interpolated value is escaped. Values are user text (package names, justifications),
 * so they can only enter a message through these functions.
 */
export type Rich = { readonly text: string; readonly html: string };
export type RenderedMessage = { subject: string; text: string; html: string };

const inlineLimit = 300;
const quoteLimit = 4000;
const subjectLimit = 200;

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEntities[character]!);
}

function truncate(value: string, limit: number): string {
  const characters = [...value];
  return characters.length <= limit ? value : `${characters.slice(0, limit - 1).join('')}…`;
}

/** One line of user text: line breaks and other control characters could split a header or fake a paragraph. */
export function inline(value: string): string {
  return truncate(value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim(), inlineLimit);
}

/** Template tag: the literal parts are the template's own words; every value is user text unless it is already Rich. */
export function rich(strings: TemplateStringsArray, ...values: readonly (string | number | Rich)[]): Rich {
  let text = strings[0]!;
  let html = escapeHtml(strings[0]!);
  values.forEach((value, index) => {
    const part = typeof value === 'object' ? value : { text: inline(String(value)), html: escapeHtml(inline(String(value))) };
    text += part.text + strings[index + 1]!;
    html += part.html + escapeHtml(strings[index + 1]!);
  });
  return { text, html };
}

export function strong(value: string): Rich {
  return { text: inline(value), html: `<strong>${escapeHtml(inline(value))}</strong>` };
}

/** A paragraph (a block of the message). */
export function paragraph(strings: TemplateStringsArray, ...values: readonly (string | number | Rich)[]): Rich {
  const line = rich(strings, ...values);
  return { text: line.text, html: `<p style="margin:0 0 16px">${line.html}</p>` };
}

/** A labelled quotation of multi-line user text (a justification, a reason). */
export function quote(label: string, value: string): Rich {
  const cleaned = truncate(value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim(), quoteLimit);
  return {
    text: `${label}:\n${cleaned.split('\n').map((line) => `> ${line}`).join('\n')}`,
    html:
      `<p style="margin:0 0 4px">${escapeHtml(label)}:</p>` +
      `<blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(cleaned)}</blockquote>`,
  };
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Dates in one unambiguous form, in UTC ("3 December 2026"): recipients have no time zone or
 * locale in the directory yet, and 12/3 means different days to different readers.
 */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return inline(iso);
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return inline(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${formatDate(iso)}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

export type MessageContent = {
  subject: Rich;
  recipientName: string;
  blocks: readonly Rich[];
  action?: { label: string; url: string };
  /** What the message is about, for the footer ("access package Sales tools"). */
  about: Rich;
};

export function layoutMessage(content: MessageContent): RenderedMessage {
  const greeting = rich`Hi ${content.recipientName},`;
  const footer = rich`Sent by Tessera about ${content.about}. Replies to this message are not read.`;
  const action = content.action;
  const text = [greeting.text, ...content.blocks.map((block) => block.text), ...(action ? [`${action.label}: ${action.url}`] : []), `-- \n${footer.text}`].join('\n\n');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:12px;color:#555">Or open ${escapeHtml(action.url)}</p>`
    : '';
  const html =
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head>' +
    '<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#222;max-width:600px">' +
    `<p style="margin:0 0 16px">${greeting.html}</p>${content.blocks.map((block) => block.html).join('')}${button}` +
    `<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:12px;color:#555">${footer.html}</p></body></html>`;
  return { subject: truncate(content.subject.text, subjectLimit), text, html };
}
