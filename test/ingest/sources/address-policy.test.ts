import { describe, expect, it } from 'vitest';
import { createAddressAllowList, nonPublicRange } from '../../../ingest/sources/address-policy.ts';

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:7f00:1', 'ipv4Mapped(loopback)'],
    ['::ffff:127.0.0.1', 'ipv4Mapped(loopback)'],
    ['::ffff:a9fe:a9fe', 'ipv4Mapped(linkLocal)'],
    ['::ffff:0:7f00:1', 'rfc6145'],
    ['::7f00:1', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'nat64(loopback)'],
    ['64:ff9b::a00:1', 'nat64(private)'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'discard'],
    ['4000::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'lets the public address %s through',
    (address) => {
      expect(nonPublicRange(address)).toBeUndefined();
    },
  );

  it('refuses what is not an IP address', () => {
    expect(nonPublicRange('localhost')).toBe('not an IP address');
  });
});

describe('createAddressAllowList', () => {
  const allowList = createAddressAllowList([
    '127.0.0.1',
    '10.20.0.0/16',
    'Intranet.Example.',
    '::ffff:192.168.7.0/120',
  ]);

  it('compares addresses by bytes, whatever their textual form', () => {
    expect(allowList.allowsAddress('127.0.0.1')).toBe(true);
    expect(allowList.allowsAddress('::ffff:7f00:1')).toBe(true);
    expect(allowList.allowsAddress('[::ffff:127.0.0.1]')).toBe(true);
    expect(allowList.allowsAddress('127.0.0.2')).toBe(false);
    expect(allowList.allowsAddress('10.20.255.1')).toBe(true);
    expect(allowList.allowsAddress('10.21.0.1')).toBe(false);
    expect(allowList.allowsAddress('192.168.7.9')).toBe(true);
    expect(allowList.allowsAddress('192.168.8.9')).toBe(false);
  });

  it('matches host names case-insensitively, ignoring a trailing dot', () => {
    expect(allowList.allowsHost('intranet.example')).toBe(true);
    expect(allowList.allowsHost('INTRANET.example.')).toBe(true);
    expect(allowList.allowsHost('other.example')).toBe(false);
  });
});
