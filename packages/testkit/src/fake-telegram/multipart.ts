/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The form field name. */
  name: string;
  /** Set for file parts. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = '\r\n';

/** Reads the boundary out of a `content-type: multipart/form-data; boundary=...` header. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(CRLF)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

// A parameter is a quoted string (`name="photo"`, as Telegraf writes it) or a bare token (`filename=photo.jpg`,
// as grammY writes it); Telegram accepts both, as RFC 7578 does.
function dispositionParameter(disposition: string, parameter: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${parameter}=(?:"([^"]*)"|([^;]*))`, 'i').exec(disposition);
  return match?.[1] ?? match?.[2]?.trim();
}

/**
 * Splits a `multipart/form-data` body into its parts. Binary-safe: file contents are kept as the exact bytes
 * that were sent, so a test can compare them with what the bot uploaded.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`${CRLF}--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Error('the body does not contain its multipart boundary');
  position += delimiter.length;
  while (position < body.length) {
    // The closing delimiter is the boundary followed by `--`.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    position += CRLF.length;
    const headerEnd = body.indexOf(`${CRLF}${CRLF}`, position);
    if (headerEnd === -1) throw new Error('a multipart part has no end of headers');
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 2 * CRLF.length;
    const dataEnd = body.indexOf(separator, dataStart);
    if (dataEnd === -1) throw new Error('a multipart part is not terminated by its boundary');
    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParameter(disposition, 'name');
    if (name !== undefined) {
      const filename = dispositionParameter(disposition, 'filename');
      parts.push({
        name,
        ...(filename !== undefined && { filename }),
        ...(headers['content-type'] !== undefined && { contentType: headers['content-type'] }),
        data: body.subarray(dataStart, dataEnd),
      });
    }
    position = dataEnd + separator.length;
  }
  return parts;
}
