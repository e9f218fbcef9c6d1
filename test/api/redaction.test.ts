import { describe, expect, it } from 'vitest';
import { redactText } from '../../api/http/redaction.ts';

describe('redactText (what researchers and reviewers see of server details)', () => {
  it('hides absolute server paths but keeps the file name', () => {
    expect(redactText('cannot read /srv/data/inbox/a.xml: permission denied')).toBe(
      'cannot read [server path]/a.xml: permission denied',
    );
    expect(redactText("path '/etc/passwd' is not allowed")).toBe(
      "path '[server path]/passwd' is not allowed",
    );
    expect(redactText('file:///etc/shadow failed')).toBe('[server path] failed');
  });

  it('keeps URLs of public hosts and ids that contain slashes', () => {
    expect(redactText('fetch https://example.org/feeds/rss.xml answered 500')).toBe(
      'fetch https://example.org/feeds/rss.xml answered 500',
    );
    expect(redactText("suggestion 'product:a|application:b/c' not found")).toBe(
      "suggestion 'product:a|application:b/c' not found",
    );
    expect(redactText('from 93.184.216.34 and [2606:4700::1]')).toBe('from 93.184.216.34 and [2606:4700::1]');
  });

  it('hides loopback, private, link-local and mapped addresses, and localhost', () => {
    expect(redactText('http://10.0.0.5:8080/x refused')).toBe('http://[internal address]:8080/x refused');
    expect(redactText('metadata at 169.254.169.254 and 127.0.0.1')).toBe(
      'metadata at [internal address] and [internal address]',
    );
    expect(redactText('http://[::ffff:7f00:1]/ and [fe80::1] and fd00::2 via localhost')).toBe(
      'http://[internal address]/ and [internal address] and [internal address] via [internal address]',
    );
  });

  it('hides raw file bytes and control characters, and bounds the length', () => {
    expect(redactText('unrecognised content starting with "PK\u0003\u0004secret" (zip?)')).toBe(
      'unrecognised content starting with [file content] (zip?)',
    );
    expect(redactText('bad byte \u0000\u0001 here \ufffd')).toBe('bad byte ? here ?');
    expect(redactText('x'.repeat(600))).toHaveLength(500);
  });
});
