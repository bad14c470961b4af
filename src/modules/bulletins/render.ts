import MarkdownIt from 'markdown-it';

/**
 * Markdown to HTML that is safe to show anywhere Harbour shows it: raw HTML is written out as
 * text, links to javascript:, vbscript:, file: and data: are refused (markdown-it's own check),
 * and images are off — a picture from elsewhere would tell another site who read the bulletin.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable(['image']);

export const renderMarkdown = (source: string): string => markdown.render(source);
