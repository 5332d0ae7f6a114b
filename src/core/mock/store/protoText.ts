import { goStringBytes, formatProtoTextFloat } from '../../goemu/goFormat';
import { Bucket, HistogramValue, LabelPair, Metric, Quantile, SimpleValue, SummaryValue } from '../model';

// dto.Metric.String() as golang/protobuf 1.3 writes it (CompactTextString), which the gateway's
// consistency errors quote: `label:<name:"job" value:"j" > gauge:<value:1 > `. Fields in the
// order of the Go struct, every field followed by a space, strings byte by byte with octal escapes.

function quoteBytes(text: string): string {
  let out = '"';
  for (const byte of goStringBytes(text)) {
    if (byte === 0x0a) {
      out += '\\n';
    } else if (byte === 0x0d) {
      out += '\\r';
    } else if (byte === 0x09) {
      out += '\\t';
    } else if (byte === 0x22) {
      out += '\\"';
    } else if (byte === 0x5c) {
      out += '\\\\';
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += String.fromCharCode(byte);
    } else {
      out += `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out}"`;
}

function scalar(name: string, value: number | bigint | undefined): string {
  if (value === undefined) {
    return '';
  }
  return `${name}:${typeof value === 'bigint' ? value.toString() : formatProtoTextFloat(value)} `;
}

function message(name: string, body: string): string {
  return `${name}:<${body}> `;
}

function labelPair(pair: LabelPair): string {
  return message('label', `name:${quoteBytes(pair.name)} value:${quoteBytes(pair.value)} `);
}

function simpleValue(name: string, holder: SimpleValue | undefined): string {
  return holder === undefined ? '' : message(name, scalar('value', holder.value));
}

function quantile(item: Quantile): string {
  return message('quantile', scalar('quantile', item.quantile) + scalar('value', item.value));
}

function summary(value: SummaryValue | undefined): string {
  if (value === undefined) {
    return '';
  }
  return message('summary', scalar('sample_count', value.sampleCount) + scalar('sample_sum', value.sampleSum) + value.quantiles.map(quantile).join(''));
}

function bucket(item: Bucket): string {
  return message('bucket', scalar('cumulative_count', item.cumulativeCount) + scalar('upper_bound', item.upperBound));
}

function histogram(value: HistogramValue | undefined): string {
  if (value === undefined) {
    return '';
  }
  return message('histogram', scalar('sample_count', value.sampleCount) + scalar('sample_sum', value.sampleSum) + value.buckets.map(bucket).join(''));
}

/** The compact text of a metric, ending with a space unless it is empty. */
export function metricProtoText(metric: Metric): string {
  return [
    metric.labels.map(labelPair).join(''),
    simpleValue('gauge', metric.gauge),
    simpleValue('counter', metric.counter),
    summary(metric.summary),
    simpleValue('untyped', metric.untyped),
    histogram(metric.histogram),
    scalar('timestamp_ms', metric.timestampMs),
  ].join('');
}
