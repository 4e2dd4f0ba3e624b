import { describe, expect, it } from 'vitest';
import { parseEmailAddress, type EmailAddressProblem } from './email-address';

describe('parseEmailAddress', () => {
  it.each([
    ['sam.jones@bristol.gov.uk', 'sam.jones@bristol.gov.uk', 'bristol.gov.uk'],
    ['Sam.Jones@Bristol.GOV.UK', 'sam.jones@bristol.gov.uk', 'bristol.gov.uk'],
    ['SAM@BRISTOL.GOV.UK.', 'sam@bristol.gov.uk', 'bristol.gov.uk'],
    ['  sam@bristol.gov.uk\n', 'sam@bristol.gov.uk', 'bristol.gov.uk'],
    ['first.last+discovery@bristol.gov.uk', 'first.last+discovery@bristol.gov.uk', 'bristol.gov.uk'],
    ['o_brien-smith%x@south-glos.gov.uk', 'o_brien-smith%x@south-glos.gov.uk', 'south-glos.gov.uk'],
    ['sam@xn--bristl-3ve.gov.uk', 'sam@xn--bristl-3ve.gov.uk', 'xn--bristl-3ve.gov.uk'],
  ])('accepts %j as %s', (input, address, domain) => {
    expect(parseEmailAddress(input)).toEqual({ ok: true, address, local: address.split('@')[0], domain });
  });

  const refused: Array<[string, unknown, EmailAddressProblem]> = [
    ['nothing', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['not a string', ['sam@bristol.gov.uk'], 'empty'],
    ['a list of two addresses', 'a@x.com,b@bristol.gov.uk', 'not_one_address'],
    ['a list with a semicolon', 'a@x.com;b@bristol.gov.uk', 'not_one_address'],
    ['a list with a space', 'a@x.com b@bristol.gov.uk', 'not_one_address'],
    ['a quoted local part holding another address', '"a@evil.com"@bristol.gov.uk', 'not_one_address'],
    ['a single-quoted local part', "'a'@bristol.gov.uk", 'not_one_address'],
    ['two @ signs', 'a@evil.com@bristol.gov.uk', 'not_one_address'],
    ['a display name', 'Sam <sam@bristol.gov.uk>', 'not_one_address'],
    ['angle brackets alone', '<sam@bristol.gov.uk>', 'not_one_address'],
    ['a comment after', 'sam@bristol.gov.uk(comment)', 'not_one_address'],
    ['a comment in the local part', 'sam(x@evil.com)@bristol.gov.uk', 'not_one_address'],
    ['a backslash escape', 'sam\\@evil.com@bristol.gov.uk', 'not_one_address'],
    ['a header injection', 'sam@bristol.gov.uk\r\nBcc: x@evil.com', 'not_one_address'],
    ['a NUL byte', 'sam@bristol.gov.uk\u0000', 'not_one_address'],
    ['an address literal', 'sam@[127.0.0.1]', 'not_one_address'],
    ['a Cyrillic а in the domain', 'sam@c\u0430rdiff.gov.uk', 'not_ascii'],
    ['a Cyrillic о in the domain', 'sam@bristol.g\u043ev.uk', 'not_ascii'],
    ['a Cyrillic letter in the local part', 's\u0430m@bristol.gov.uk', 'not_ascii'],
    ['a full-width @', 'sam\uff20bristol.gov.uk', 'not_ascii'],
    ['a zero-width space', 'sam@bristol\u200b.gov.uk', 'not_ascii'],
    ['a right-to-left override', 'sam@\u202ekuvog.lotsirb', 'not_ascii'],
    ['no @', 'sam.bristol.gov.uk', 'not_one_address'],
    ['no local part', '@bristol.gov.uk', 'invalid_local_part'],
    ['a leading dot', '.sam@bristol.gov.uk', 'invalid_local_part'],
    ['a doubled dot', 'sam..jones@bristol.gov.uk', 'invalid_local_part'],
    ['a trailing dot in the local part', 'sam.@bristol.gov.uk', 'invalid_local_part'],
    ['a slash in the local part', 'sam/jones@bristol.gov.uk', 'invalid_local_part'],
    ['no domain', 'sam@', 'invalid_domain'],
    ['a single-label domain', 'sam@localhost', 'invalid_domain'],
    ['an IP address', 'sam@127.0.0.1', 'invalid_domain'],
    ['two trailing dots', 'sam@bristol.gov.uk..', 'invalid_domain'],
    ['an empty label', 'sam@bristol..gov.uk', 'invalid_domain'],
    ['a label starting with a hyphen', 'sam@-bristol.gov.uk', 'invalid_domain'],
    ['a label ending with a hyphen', 'sam@bristol-.gov.uk', 'invalid_domain'],
    ['an underscore in the domain', 'sam@bris_tol.gov.uk', 'invalid_domain'],
    ['a percent sign in the domain', 'sam@bristol.gov.uk%00', 'invalid_domain'],
    ['a 64-character label', `sam@${'a'.repeat(64)}.gov.uk`, 'invalid_domain'],
    ['a 65-character local part', `${'a'.repeat(65)}@bristol.gov.uk`, 'invalid_local_part'],
    ['a 300-character address', `sam@${'a.'.repeat(148)}uk`, 'too_long'],
  ];
  it.each(refused)('refuses %s', (_name, input, problem) => {
    expect(parseEmailAddress(input)).toEqual({ ok: false, problem });
  });

  it('keeps a look-alike subdomain as its own, different domain', () => {
    expect(parseEmailAddress('sam@bristol.gov.uk.evil.com')).toMatchObject({ ok: true, domain: 'bristol.gov.uk.evil.com' });
    expect(parseEmailAddress('sam%bristol.gov.uk@evil.com')).toMatchObject({ ok: true, domain: 'evil.com' });
  });
});
