import { z } from 'zod';
import { emptyToUndefined, wholeNumber } from './env-fields.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' });
/** `key=value` pairs separated by commas (the OpenTelemetry list format of headers and resource attributes). */
const keyValueList = z.string().regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'expected key=value[,key=value...]');

/**
 * OpenTelemetry tracing, by the standard `OTEL_*` variables (OpenTelemetry's environment variable
 * specification): off unless `OTEL_TRACES_EXPORTER=otlp`. Every process reads the same ones.
 * @see https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 */
export const tracingEnv = z.object({
  /**
   * Where spans go: `none` turns tracing off (no SDK is registered: every span and propagation call is the API's no-op), `otlp` sends them
   * to an OpenTelemetry collector over OTLP/HTTP (protobuf). @defaultValue none
   */
  OTEL_TRACES_EXPORTER: z.preprocess(emptyToUndefined, z.enum(['none', 'otlp']).default('none')),
  /** `service.name` of the spans. @defaultValue the process's name (`token`, `auth-endpoint`, …, `ciba` for the all-in-one, `channel-<name>`) */
  OTEL_SERVICE_NAME: z.preprocess(emptyToUndefined, z.string().min(1).max(200).optional()),
  /** Further resource attributes, `key=value,key=value` (e.g. `deployment.environment.name=prod`). */
  OTEL_RESOURCE_ATTRIBUTES: z.preprocess(emptyToUndefined, keyValueList.optional()),
  /** Base URL of the OTLP/HTTP collector; traces go to `<endpoint>/v1/traces`. @defaultValue http://localhost:4318 */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyToUndefined, httpUrl.optional()),
  /** Full URL for traces, taking precedence over `OTEL_EXPORTER_OTLP_ENDPOINT` (used as is). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(emptyToUndefined, httpUrl.optional()),
  /** Headers sent with every export, `key=value,key=value` (e.g. a collector's API key). */
  OTEL_EXPORTER_OTLP_HEADERS: z.preprocess(emptyToUndefined, keyValueList.optional()),
  /** OTLP transport; only `http/protobuf` is built in. @defaultValue http/protobuf */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(emptyToUndefined, z.enum(['http/protobuf']).default('http/protobuf')),
  /** Bound on one export request, milliseconds. @defaultValue 10000 */
  OTEL_EXPORTER_OTLP_TIMEOUT: wholeNumber('milliseconds', 10_000, 100, 120_000),
  /**
   * Which traces are recorded: `parentbased_*` follow the caller's sampled flag (`traceparent`) and
   * apply the rest to new traces. @defaultValue parentbased_always_on
   */
  OTEL_TRACES_SAMPLER: z.preprocess(
    emptyToUndefined,
    z.enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']).default('parentbased_always_on'),
  ),
  /** Ratio of new traces recorded by the `*traceidratio` samplers, 0 to 1. @defaultValue 1 */
  OTEL_TRACES_SAMPLER_ARG: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'expected a number from 0 to 1' }).min(0, 'expected a number from 0 to 1').max(1, 'expected a number from 0 to 1').optional()),
});

export type TracingEnv = z.infer<typeof tracingEnv>;
