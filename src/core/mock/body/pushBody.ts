import { Result } from '../../result';
import { familiesFromDelimited } from './fromProtobuf';
import { GatewayTarget } from '../../protocol/gatewayTarget';
import { familiesFromText } from './fromText';
import { BodyStream } from './gzipBody';
import { isDelimitedProtobuf } from './mediaType';
import { MetricFamily } from '../model';

/** A push body (already gunzipped when it came with `Content-Encoding: gzip`) into families, or the 400 text. */
export function decodePushBody(body: BodyStream, contentType: string | undefined, target: GatewayTarget): Result<MetricFamily[]> {
  if (isDelimitedProtobuf(contentType)) {
    return familiesFromDelimited(body.data, body.error, target.version === '1.5' ? 'golang/protobuf' : 'protobuf-go');
  }
  return familiesFromText(body.data, body.error, body.errorAtLineStart, target);
}
