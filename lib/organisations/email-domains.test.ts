import { describe, expect, it } from 'vitest';
import { checkEmailDomain, checkEmailDomains } from './email-domains';

describe('checking one email domain', () => {
  it.each([
    ['bristol.gov.uk', 'bristol.gov.uk'],
    ['  Bristol.GOV.uk  ', 'bristol.gov.uk'],
    ['@bristol.gov.uk', 'bristol.gov.uk'],
    ['bristol.gov.uk.', 'bristol.gov.uk'],
    // A hostile-looking name is still a hostname: it is kept exactly as it is, never trimmed to a suffix.
    ['bristol.gov.uk.evil.com', 'bristol.gov.uk.evil.com'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['gwynedd.llyw.cymru', 'gwynedd.llyw.cymru'],
    ['adur-worthing.gov.uk', 'adur-worthing.gov.uk'],
    ['a1.b2.c3.example', 'a1.b2.c3.example'],
  ])('accepts %j as %j', (raw, domain) => {
    expect(checkEmailDomain(raw)).toEqual({ ok: true, domain });
  });

  it.each([
    ['bristol.gov.uk, bath.gov.uk', 'no spaces or commas'],
    ['bristol.gov.uk,bath.gov.uk', 'no spaces or commas'],
    ['bristol gov uk', 'no spaces or commas'],
    ['bristol.gov.uk;bath.gov.uk', 'no spaces or commas'],
    ['sam@bristol.gov.uk', 'not an email address'],
    ['https://www.bristol.gov.uk/', 'not a web address'],
    ['bristol.gov.uk:443', 'not a web address'],
    ['bücher.example', 'xn--'],
    ['bristоl.gov.uk', 'xn--'], // a Cyrillic "о"
    ['localhost', 'is not a domain'],
    ['-bristol.gov.uk', 'is not a domain'],
    ['bristol-.gov.uk', 'is not a domain'],
    ['bristol..gov.uk', 'is not a domain'],
    ['bris_tol.gov.uk', 'is not a domain'],
    [`${'a'.repeat(64)}.gov.uk`, 'is not a domain'],
    [`${'abcdefghi.'.repeat(26)}uk`, 'too long'],
    ['192.168.0.1', 'not a number'],
    ['gov.uk', 'shared by many organisations'],
    ['co.uk', 'shared by many organisations'],
  ])('refuses %j, saying %j', (raw, message) => {
    const result = checkEmailDomain(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it.each(['gmail.com', 'GMail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'yahoo.com', 'yahoo.co.uk', 'icloud.com', 'mail.gmail.com'])(
    'refuses the public email service %j, and says why',
    (raw) => {
      const result = checkEmailDomain(raw);
      expect(result).toEqual({
        ok: false,
        message: expect.stringContaining('is a public email service: anyone can get an address there'),
      });
    },
  );

  it('does not mistake a lookalike for a public email service', () => {
    expect(checkEmailDomain('notgmail.com')).toEqual({ ok: true, domain: 'notgmail.com' });
  });
});

describe('checking a list of email domains', () => {
  it('takes one domain on each line, skips blank lines, lower-cases and removes duplicates, keeping order', () => {
    expect(checkEmailDomains('bristol.gov.uk\r\n\r\n  BRISTOL.gov.uk \nbristol.gov.uk.evil.com\n')).toEqual({
      ok: true,
      domains: ['bristol.gov.uk', 'bristol.gov.uk.evil.com'],
    });
    expect(checkEmailDomains(['a.example.com', 'A.example.com', ''])).toEqual({ ok: true, domains: ['a.example.com'] });
  });

  it('an empty list is allowed: nobody joins by email domain', () => {
    expect(checkEmailDomains('  \n ')).toEqual({ ok: true, domains: [] });
  });

  it('refuses the whole list if one is wrong', () => {
    expect(checkEmailDomains('bristol.gov.uk\ngmail.com').ok).toBe(false);
  });

  it('refuses more than fifty', () => {
    const many = Array.from({ length: 51 }, (_, i) => `team${i}.example.com`).join('\n');
    expect(checkEmailDomains(many)).toEqual({ ok: false, message: 'Enter 50 domains or fewer' });
  });
});
