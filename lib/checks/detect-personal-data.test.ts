import { describe, expect, it } from 'vitest';
import { detectPersonalData } from './detect/detect-personal-data';
import { hasValidNhsCheckDigit } from './detect/nhs-numbers';
import { nationalForm } from './detect/phone-numbers';
import { DocumentTextBuilder } from './document-text';
import type { Likelihood } from './findings';
import { maskDigits, maskEmail, maskName } from './mask';

/** The detectors on their own, line by line: what counts, what does not, and how each is ranked. */

async function detect(...paragraphs: string[]) {
  const text = new DocumentTextBuilder(100_000);
  paragraphs.forEach((p, i) => text.add({ kind: 'paragraph', paragraph: i + 1 }, p));
  return detectPersonalData(text.build());
}

async function ranked(text: string): Promise<[string, Likelihood][]> {
  return (await detect(text)).map((d) => [d.kind, d.likelihood]);
}

describe('email addresses', () => {
  it('ranks personal, staff, team and example addresses', async () => {
    expect(await ranked('Write to jane.doe@gmail.com')).toEqual([['email-address', 'likely']]);
    expect(await ranked('Write to jane.smith@bristol.gov.uk')).toEqual([['email-address', 'possible']]);
    for (const role of ['research@hackney.gov.uk', 'info@council.org', 'digital@x.gov.uk', 'foi@x.gov.uk', 'enquiries@x.gov.uk', 'user.research@hackney.gov.uk', 'DDTSUserResearchOperations@defra.gov.uk']) {
      expect(await ranked(`Write to ${role}`), role).toEqual([['email-address', 'unlikely']]);
    }
    expect(await ranked('e.g. name@example.com')).toEqual([['email-address', 'unlikely']]);
  });

  it('ranks a named address at a company as likely when it belongs to a participant', async () => {
    expect(await ranked('Participant email: sam.jones@acme.co.uk')).toEqual([['email-address', 'likely']]);
    expect(await ranked('Agency contact: sam.jones@acme.co.uk')).toEqual([['email-address', 'possible']]);
  });
});

describe('UK phone numbers', () => {
  it('reads the ways people write them', async () => {
    for (const written of ['07981 123456', '07981-123-456', '+44 7981 123456', '+44 (0)7981 123456', '0044 7981 123456', '(07981) 123456', '07981123456']) {
      expect(nationalForm(written), written).toBe('07981123456');
    }
    expect(nationalForm('(020) 7946 0123')).toBe('02079460123');
    expect(nationalForm('+44 (0)20 7946 0123')).toBe('02079460123');
    expect(nationalForm('01632 960123')).toBe('01632960123');
  });

  it('does not take dates, short numbers or other countries’ numbers for phone numbers', async () => {
    expect(await ranked('On 01.02.2013 we met 12 people; ref 0123 4567; call +33 1 23 45 67 89')).toEqual([]);
    expect(await ranked('Version 07.12.34.56.78 released')).toEqual([]);
  });

  it('ranks mobiles likely, office landlines unlikely, and 03/08 numbers unlikely', async () => {
    expect(await ranked('Her number is 07981 123456')).toEqual([['phone-number', 'likely']]);
    expect(await ranked('Call us on 020 7946 0123, Monday to Friday')).toEqual([['phone-number', 'unlikely']]);
    expect(await ranked('Tel: 020 7946 0123')).toEqual([['phone-number', 'possible']]);
    expect(await ranked('Resident’s home phone 0117 496 0123')).toEqual([['phone-number', 'likely']]);
    expect(await ranked('Phone 0300 123 4567')).toEqual([['phone-number', 'unlikely']]);
    expect(await ranked('Helpline: 07981 123456')).toEqual([['phone-number', 'possible']]);
  });
});

describe('National Insurance numbers', () => {
  it('follows the prefix rules', async () => {
    expect(await ranked('NI: AB 12 34 56 C')).toEqual([['national-insurance-number', 'likely']]);
    expect(await ranked('AB123456C')).toEqual([['national-insurance-number', 'likely']]);
    for (const invalid of ['QQ 12 34 56 C', 'DA 12 34 56 C', 'AO 12 34 56 C', 'GB 12 34 56 C', 'ZZ 12 34 56 C', 'AB 12 34 56 E', 'AB12 3456C']) {
      expect(await ranked(invalid), invalid).toEqual([]);
    }
  });

  it('needs the suffix letter unless words name the number', async () => {
    expect(await ranked('Order AB 12 34 56')).toEqual([]);
    expect(await ranked('National Insurance number AB 12 34 56')).toEqual([['national-insurance-number', 'likely']]);
  });
});

describe('NHS numbers', () => {
  it('checks the modulus 11 check digit', async () => {
    expect(hasValidNhsCheckDigit('9434765919')).toBe(true);
    expect(hasValidNhsCheckDigit('9434765918')).toBe(false);
    // A remainder of 1 gives a check digit of 10: never valid.
    expect(hasValidNhsCheckDigit('1000000010')).toBe(false);
  });

  it('needs "NHS" within a few words', async () => {
    expect(await ranked('NHS number: 943 476 5919')).toEqual([['nhs-number', 'likely']]);
    expect(await ranked('943-476-5919 (NHS)')).toEqual([['nhs-number', 'likely']]);
    expect(await ranked('Case 9434765919 was closed')).toEqual([]);
    expect(await ranked('NHS number: 943 476 5918')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it('finds a full date right after words that say it is a date of birth', async () => {
    for (const written of ['Date of birth: 12/03/1984', 'DOB 12.3.84', 'born on 12 March 1984', 'Birthday - March 12, 1984', 'D.O.B.: 1984-03-12']) {
      expect(await ranked(written), written).toEqual([['date-of-birth', 'likely']]);
    }
  });

  it('ignores years alone, dates elsewhere, and impossible dates', async () => {
    expect(await ranked('Born in 1984 in Leeds')).toEqual([]);
    expect(await ranked('Date of birth: ___/___/_____ Date signed: 12/03/2026')).toEqual([]);
    expect(await ranked('Date of birth: 32/13/1984')).toEqual([]);
    expect(await ranked('Session on 12/03/2026 with a participant')).toEqual([]);
  });
});

describe('addresses and postcodes', () => {
  it('ranks a house and street next to a full postcode likely, an office address and a postcode alone unlikely', async () => {
    expect(await ranked('She lives at 12 Acacia Avenue, Sometown, AB1 2DE.')).toEqual([['postal-address', 'likely']]);
    expect(await ranked('Flat 3, 45 High Street, Bristol BS1 4DJ')).toEqual([['postal-address', 'likely']]);
    expect(await ranked('Hackney Town Hall, 1 Mare Street, London E8 1EA')).toEqual([['postal-address', 'unlikely']]);
    expect(await ranked('Our office is in BS1 5TR.')).toEqual([['postcode', 'unlikely']]);
  });

  it('does not take capitalised codes that break the postcode rules for postcodes', async () => {
    expect(await ranked('Form AB1 2CD and QV1 1AA')).toEqual([]);
  });
});

describe('names of people', () => {
  it('finds speaker labels, participant labels and sign-offs', async () => {
    expect(await ranked('P3 (Jane): I found it hard.')).toEqual([['person-name', 'likely']]);
    expect(await ranked('Participant: Jane Smith')).toEqual([['person-name', 'likely']]);
    expect(await ranked('Interviewee - Tom')).toEqual([['person-name', 'likely']]);
    expect(await ranked('Resident 2 (Mrs Patel): It was fine.')).toEqual([['person-name', 'likely']]);
    expect(await ranked('Interviewer: Sam Jones')).toEqual([['person-name', 'possible']]);
    expect(await ranked('Kind regards,\nJane Smith')).toEqual([['person-name', 'possible']]);
  });

  it('does not take answers, sentences or template words for names', async () => {
    for (const text of ['Participant: Yes, I think so', 'Participant: The form was long.', 'Participant: I liked it', 'Participant name: Name', 'participants: Many of them', 'Kind regards,\nThe Digital Team']) {
      expect(await ranked(text), text).toEqual([]);
    }
  });
});

describe('overlaps and masking', () => {
  it('reports ten digits that are an NHS number once, as the NHS number', async () => {
    // 0123456789 passes the check digit and is also a well-formed landline number.
    expect(await ranked('NHS 0123456789')).toEqual([['nhs-number', 'likely']]);
    expect(await ranked('Phone 0123456789')).toEqual([['phone-number', 'possible']]);
  });

  it('masks every excerpt', async () => {
    expect(maskDigits('07981 123456')).toBe('07••• ••••56');
    expect(maskEmail('jane.doe@gmail.com')).toBe('j•••@gmail.com');
    expect(maskName('Jane Smith-Jones')).toBe('J••• S•••-J•••');
  });
});
