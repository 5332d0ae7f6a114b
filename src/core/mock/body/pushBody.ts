import { Result } from '../../result';
import { familiesFromDelimited, ProtobufLibrary } from './fromProtobuf';
import { familiesFromText } from './fromText';
import { BodyStream } from './gzipBody';
import { isDelimitedProtobuf } from './mediaType';
import { MetricFamily } from '../model';

/** A push body (already gunzipped when it came with `Content-Encoding: gzip`) into families, or the 400 text. */
export function decodePushBody(body: BodyStream, contentType: string | undefined, library: ProtobufLibrary = 'golang/protobuf'): Result<MetricFamily[]> {
  return isDelimitedProtobuf(contentType) ? familiesFromDelimited(body.data, body.error, library) : familiesFromText(body.data, body.error, body.errorAtLineStart);
}
