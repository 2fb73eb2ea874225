import { checkOutboundUrl } from '../../../src/outbound/check-outbound-url.ts';
import { OutboundAddressError, OutboundUrlError } from '../../../src/outbound/outbound-errors.ts';

describe('checkOutboundUrl', () => {
  it('accepts http to 127.0.0.1 and localhost in development', () => {
    expect(checkOutboundUrl('http://127.0.0.1:8081/prompts', false).port).toBe('8081');
    expect(checkOutboundUrl('http://localhost/prompts', false).hostname).toBe('localhost');
  });

  it('requires https in production', () => {
    expect(() => checkOutboundUrl('http://device.example/prompts', true)).toThrow(OutboundUrlError);
    expect(checkOutboundUrl('https://device.example/prompts', true).hostname).toBe('device.example');
  });

  it.each(['ftp://device.example/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])('rejects %s', (url) => {
    expect(() => checkOutboundUrl(url, false)).toThrow(OutboundUrlError);
  });

  it('rejects embedded credentials', () => {
    expect(() => checkOutboundUrl('https://user:pw@device.example/', false)).toThrow('url must not carry credentials');
  });

  it.each([
    'https://127.0.0.1/',
    'https://127.1/',
    'https://[::1]/',
    'https://[::ffff:7f00:1]/',
    'https://10.0.0.1/',
    'https://0x7f000001/',
    'https://169.254.169.254/latest/meta-data/',
  ])('rejects the IP-literal host of %s in production', (url) => {
    expect(() => checkOutboundUrl(url, true)).toThrow(OutboundAddressError);
  });

  it('rejects the metadata address in development too', () => {
    expect(() => checkOutboundUrl('http://169.254.169.254/', false)).toThrow(OutboundAddressError);
    expect(() => checkOutboundUrl('http://[fd00:ec2::254]/', false)).toThrow(OutboundAddressError);
  });
});
