import { Result } from '../../result';
import { familiesFromDelimited } from './fromProtobuf';
import { familiesFromText } from './fromText';
import { BodyStream } from './gzipBody';
import { isDelimitedProtobuf } from './mediaType';
import { MetricFamily } from '../model';

/** A push body (already gunzipped when it came with `Content-Encoding: gzip`) into families, or the 400 text. */
export function decodePushBody(body: BodyStream, contentType: string | undefined): Result<MetricFamily[]> {
  return isDelimitedProtobuf(contentType) ? familiesFromDelimited(body.data, body.error) : familiesFromText(body.data, body.error, body.errorAtLineStart);
}
