import type { FastifyReply } from 'fastify';
import { AppError } from './errors.js';

interface Kind {
  mediaType: string;
  extensions: string[];
  looksLike: (bytes: Buffer) => boolean;
}

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0) =>
  bytes
    .subarray(offset, offset + signature.length)
    .equals(typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature));
const zip = (bytes: Buffer) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/**
 * The kinds of file Harbour stores (the library's tools, a case's documents), each recognised by its first bytes as well as its name:
 * a file that says it is a PDF and is not one is refused.
 */
const kinds: Kind[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], looksLike: (b) => startsWith(b, '%PDF-') },
  { mediaType: 'image/png', extensions: ['png'], looksLike: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], looksLike: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mediaType: 'video/mp4', extensions: ['mp4'], looksLike: (b) => startsWith(b, 'ftyp', 4) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], looksLike: zip },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], looksLike: zip },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], looksLike: zip },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], looksLike: zip },
  { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], looksLike: zip },
];

export const acceptedMediaTypes = kinds.map((kind) => kind.mediaType);
export const acceptedExtensions = kinds.flatMap((kind) => kind.extensions);

/** A file name safe in a header and on any disk: letters, digits, dot, dash, underscore, space. */
export function safeFileName(name: string): string {
  const cleaned = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(-120);
  return cleaned || 'file';
}

/** Checks an upload against its declared type and name, and its size against the limit. */
export function checkUpload(
  upload: { name: string; mediaType: string; content: Buffer },
  maxBytes: number,
): { name: string; mediaType: string } {
  if (upload.content.length === 0) throw new AppError('bad_request', 'the file is empty');
  if (upload.content.length > maxBytes)
    throw new AppError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 2 ** 20)} MB`);
  const mediaType = upload.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const kind = kinds.find((k) => k.mediaType === mediaType);
  if (!kind) throw new AppError('unsupported_media_type', `Content-Type: Harbour takes ${acceptedExtensions.join(', ')} files`);
  const name = safeFileName(upload.name);
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  if (!kind.extensions.includes(extension))
    throw new AppError('bad_request', `name: a ${kind.extensions[0]} file's name ends in .${kind.extensions.join(' or .')}`);
  if (!kind.looksLike(upload.content))
    throw new AppError('unsupported_media_type', `the file is not a ${kind.extensions[0]} file, whatever its name says`);
  return { name, mediaType };
}

/** Sends a stored file as an attachment only, sandboxed, so a browser never runs or shows it in Harbour's origin. */
export function sendAttachment(reply: FastifyReply, file: { name: string; mediaType: string; content: Buffer }) {
  return reply
    .header('Content-Type', file.mediaType)
    .header(
      'Content-Disposition',
      `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .send(file.content);
}

/** An iCalendar answer: a feed a calendar program reads (never cached), or a file to download when named. */
export function sendCalendar(reply: FastifyReply, text: string, filename?: string) {
  reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Cache-Control', 'no-store');
  if (filename) reply.header('Content-Disposition', `attachment; filename="${filename}"`);
  return reply.send(Buffer.from(text));
}
