import { decodeText } from '@/lib/extract/plain-text';
import { rejected, verified, type FormatVerification } from './verification';

/**
 * Plain text (TXT, Markdown, CSV) is text when it holds no NUL bytes or other binary control
 * characters (a UTF-16 file with its byte-order mark is text), and a text file is not an HTML page
 * in disguise (a web page saved as .txt; Markdown may contain HTML, so it is not held to that).
 */
export function verifyText(format: 'txt' | 'md' | 'csv', data: Buffer): FormatVerification {
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  const text = utf16 ? decodeText(data) : data.toString('latin1');
  // Control characters other than tab, line feed, form feed and carriage return mean binary data.
  const binary = /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/.exec(text.slice(0, 1024 * 1024));
  if (binary) return rejected('It is not a text file: it contains binary data.');
  if (format !== 'md' && /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<script[\s>])/i.test(decodeText(data.subarray(0, 4096)))) {
    return rejected('It is a web page (HTML), not a text file.');
  }
  return verified();
}
