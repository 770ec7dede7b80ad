import { describe, expect, it } from 'vitest';
import { Port, portSchema } from '../../lib/model/port';
import { parseOrThrow } from '../../lib/model/validate';

const parse = (port: unknown) => parseOrThrow(portSchema, port, 'chart/Policy', ['ports', 0]);

describe('port validation', () => {
  it.each([Port.tcp(1), Port.tcp(65535), Port.udp(53), Port.sctp(7070), Port.tcp('http'), Port.tcp(8000, 8100), Port.tcp(80, 80), Port.tcp(1, 65535), Port.all('UDP'), Port.icmp(), Port.icmp(8, 0), Port.icmpv6(128)])(
    'accepts %j',
    (port) => expect(parse(port)).toEqual(port),
  );
  it.each([
    [Port.tcp(0), 'ports[0].port: 0 is not a port: use an integer 1-65535 or a port name'],
    [Port.tcp(65536), 'ports[0].port: 65536 is not a port'],
    [Port.tcp(80.5), 'ports[0].port: 80.5 is not a port'],
    [Port.tcp('80'), 'ports[0].port: "80" is a number written as a string: write 80'],
    [Port.tcp('HTTP'), 'ports[0].port: "HTTP" is not a valid port name'],
    [Port.tcp('a-very-long-port-name'), 'ports[0].port: "a-very-long-port-name" is not a valid port name'],
    [Port.tcp(8080, 8000), 'ports[0].endPort: 8000 is not a valid end of a range starting at 8080: use an integer 8080-65535'],
    [Port.tcp(8080, 70000), 'ports[0].endPort: 70000 is not a valid end'],
    [Port.tcp(8080, 65536), 'ports[0].endPort: 65536 is not a valid end of a range starting at 8080: use an integer 8080-65535'],
    [Port.tcp('http', 90), 'ports[0].endPort: endPort needs a numeric port to start the range'],
    [{ protocol: 'TCP', endPort: 90 }, 'ports[0].endPort: endPort needs a numeric port'],
    [{ protocol: 'ICMP', port: 8 }, 'ports[0].port: ICMP has no ports: use icmpType and icmpCode'],
    [{ protocol: 'TCP', icmpType: 8 }, 'ports[0].icmpType: only ICMP and ICMPv6 have types, not TCP'],
    [Port.icmp(255), 'ports[0].icmpType: 255 is not an ICMP type: use an integer 0-254'],
    [Port.icmp(3, 256), 'ports[0].icmpCode: 256 is not an ICMP code'],
    [{ protocol: 'ICMP', icmpCode: 1 }, 'ports[0].icmpCode: an ICMP code needs an icmpType'],
    [{ protocol: 'HTTP', port: 80 }, 'ports[0].protocol: "HTTP" is not one of TCP, UDP, SCTP, ICMP, ICMPv6'],
    [{ protocol: 'TCP', prot: 80 }, 'ports[0].prot: unknown field: did you mean `port`?'],
  ])('rejects %j: %s', (port, message) => {
    expect(() => parse(port)).toThrow(`chart/Policy: ${message}`);
  });
});

describe('Port.parse', () => {
  it.each([
    ['TCP/8080', Port.tcp(8080)],
    ['udp/53', Port.udp(53)],
    ['TCP/8000-8100', Port.tcp(8000, 8100)],
    ['TCP/http', Port.tcp('http')],
    ['TCP/grpc-web', Port.tcp('grpc-web')],
    ['SCTP', Port.all('SCTP')],
    // A port alone is TCP, as in a NetworkPolicy port that names no protocol.
    ['8080', Port.tcp(8080)],
    ['8000-8100', Port.tcp(8000, 8100)],
  ])('%s', (text, port) => expect(Port.parse(text)).toEqual(port));
  it.each(['HTTP/80', 'TCP/', 'TCP/80/90', '', 'http', '80/TCP', '80-'])('rejects %j with the valid forms', (text) => {
    expect(() => Port.parse(text)).toThrow(/write PROTOCOL\[\/PORT\[-END\]\] or a TCP port alone, e.g. TCP\/8080/);
  });
});
