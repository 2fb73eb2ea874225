import { ConfigError, loadTracingConfig } from '@ciba/service-kit';

describe('loadTracingConfig (OTEL_* variables)', () => {
  test('unset: tracing off, the default endpoint and sampler, the process name as service.name', () => {
    expect(loadTracingConfig({}, 'token')).toEqual({
      enabled: false,
      serviceName: 'token',
      resourceAttributes: {},
      tracesUrl: 'http://localhost:4318/v1/traces',
      headers: {},
      timeoutMs: 10_000,
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
  });

  test('otlp with an endpoint, headers, resource attributes, a service name and a ratio sampler', () => {
    const config = loadTracingConfig(
      {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%3D,x-tenant = bank',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod',
        OTEL_SERVICE_NAME: 'ciba-eu',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      },
      'ciba',
    );
    expect(config).toMatchObject({
      enabled: true,
      serviceName: 'ciba-eu',
      tracesUrl: 'https://collector.example:4318/v1/traces',
      headers: { 'api-key': 'abc=', 'x-tenant': 'bank' },
      resourceAttributes: { 'deployment.environment.name': 'prod' },
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  test('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is, over the base endpoint', () => {
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9999/traces' }, 'x').tracesUrl).toBe('http://b:9999/traces');
  });

  test.each([
    ['OTEL_TRACES_EXPORTER', 'jaeger'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'ftp://collector'],
    ['OTEL_TRACES_SAMPLER_ARG', '2'],
    ['OTEL_EXPORTER_OTLP_HEADERS', 'no-equals-sign'],
  ])('a bad %s stops the process with one line naming it', (name, value) => {
    expect(() => loadTracingConfig({ [name]: value }, 'x')).toThrow(ConfigError);
    expect(() => loadTracingConfig({ [name]: value }, 'x')).toThrow(new RegExp(`^invalid configuration: ${name}: `));
  });
});
