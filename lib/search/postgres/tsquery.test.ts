import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { expandQuery, withCorrections } from '@/lib/search/query/expand-query';
import { parseQuery } from '@/lib/search/query/parse-query';
import { buildSynonymIndex } from '@/lib/search/synonyms';
import { highlightTsquery, matchTsquery, snippetWords } from './tsquery';

const synonyms = buildSynonymIndex([['council tax', 'ctax']]);
const dialect = new PgDialect();
const expand = (text: string) => expandQuery(parseQuery(text), synonyms);
const render = (query: ReturnType<typeof matchTsquery>) => (query ? dialect.sqlToQuery(query) : null);

describe('matchTsquery', () => {
  it('builds the query from functions over parameters, in the shape typed', () => {
    const query = render(matchTsquery(expand('ctax "bin day" or refuse -wombat')))!;
    expect(query.sql).toBe(
      "((plainto_tsquery('english', $1) || phraseto_tsquery('english', $2)) && (phraseto_tsquery('english', $3) || plainto_tsquery('english', $4)) && (!! plainto_tsquery('english', $5)))",
    );
    expect(query.params).toEqual(['ctax', 'council tax', 'bin day', 'refuse', 'wombat']);
  });

  it('never puts typed text into the SQL itself', () => {
    for (const text of ['x" OR visibility = "public', "'); DROP TABLE materials; --", 'a:* | !b & (c', '\\\'', '$1 $$ $']) {
      const query = render(matchTsquery(withCorrections(expand(text), new Map())));
      if (!query) continue;
      expect(query.sql).toMatch(/^[()a-z_', $0-9|&!]+$/);
      expect(query.sql).not.toMatch(/DROP|visibility|\\|\$\$/);
    }
  });

  it('is null when nothing searchable was typed', () => {
    expect(matchTsquery(expand('!!! "" -'))).toBeNull();
  });
});

describe('highlightTsquery', () => {
  it('or-s every way of matching and leaves out exclusions', () => {
    const query = render(highlightTsquery(expand('ctax plan -wombat')))!;
    expect(query.sql).toBe("(plainto_tsquery('english', $1) || phraseto_tsquery('english', $2) || plainto_tsquery('english', $3))");
    expect(query.params).toEqual(['ctax', 'council tax', 'plan']);
    expect(highlightTsquery(expand('-wombat'))).toBeNull();
  });
});

describe('snippetWords', () => {
  it('lists the lower-case words that can match, letters and digits only', () => {
    expect(snippetWords(expand('CTAX "Children\'s care" -wombat a'))).toEqual(['ctax', 'council', 'tax', 'childrens', 'care']);
  });
});
