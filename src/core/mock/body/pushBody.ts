import { failure, Result } from '../../result';
import { familiesFromDelimited } from './fromProtobuf';
import { GatewayTarget } from '../../protocol/gatewayTarget';
import { textBodyFamiliesInSteps, TextBodyFailure } from './fromText';
import { BodyStream } from './gzipBody';
import { isDelimitedProtobuf } from './mediaType';
import { MetricFamily } from '../model';

/**
 * A push body (already gunzipped when it came with `Content-Encoding: gzip`) into families, or the 400 text.
 * A text body is parsed in slices of lines with `pause` between them (see handlers.ts: a real pause for big bodies only).
 */
export async function decodePushBody(body: BodyStream, contentType: string | undefined, target: GatewayTarget, pause: () => Promise<void>): Promise<Result<MetricFamily[], TextBodyFailure>> {
  if (isDelimitedProtobuf(contentType)) {
    const families = familiesFromDelimited(body.data, target.version === '1.5' ? 'golang/protobuf' : 'protobuf-go', body.error);
    return families.ok ? families : failure({ message: families.error, dropsConnection: false });
  }
  return textBodyFamiliesInSteps(body.data, body.error, body.errorAtLineStart === true, target, pause);
}
