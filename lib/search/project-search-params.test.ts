import { describe, expect, it } from 'vitest';
import { isProjectsView, materialSearchHrefFor, parseProjectSearchParams, projectSearchHref } from './project-search-params';

describe('the projects view of /search', () => {
  it('is asked for with show=projects', () => {
    expect(isProjectsView({ show: 'projects' })).toBe(true);
    expect(isProjectsView(new URLSearchParams('show=projects&q=x'))).toBe(true);
    expect(isProjectsView({ show: 'materials' })).toBe(false);
    expect(isProjectsView({})).toBe(false);
  });

  it('reads project phases and collaboration, and the words, service areas, councils and page as for materials', () => {
    const query = parseProjectSearchParams(
      new URLSearchParams('show=projects&q=  parklet  &phase=idea&phase=retirement&phase=alpha&phase=alpha&topic=housing&topic=nonsense&council=leeds&council=" OR 1&collaboration=co-funding&collaboration=bribes&page=3'),
    );
    expect(query).toEqual({
      text: 'parklet',
      filters: { phases: ['idea', 'alpha'], topics: ['housing'], councils: ['leeds'], collaboration: ['co-funding'] },
      page: 3,
      pageSize: 20,
    });
  });

  it('never throws on odd input', () => {
    expect(parseProjectSearchParams({ phase: ['x'.repeat(10_000)], collaboration: undefined, page: 'abc' })).toMatchObject({
      text: '',
      filters: { phases: [], topics: [], councils: [], collaboration: [] },
      page: 1,
    });
  });

  it('builds links both ways: the projects view and the same words among materials', () => {
    const query = { text: 'parklet', filters: { phases: ['alpha' as const], topics: ['housing'], councils: ['leeds'], collaboration: ['sharing' as const] }, page: 2 };
    expect(projectSearchHref(query)).toBe('/search?show=projects&q=parklet&phase=alpha&topic=housing&council=leeds&collaboration=sharing&page=2');
    expect(parseProjectSearchParams(new URLSearchParams(projectSearchHref(query).split('?')[1]))).toMatchObject(query);
    expect(materialSearchHrefFor(query)).toBe('/search?q=parklet&topic=housing&council=leeds');
  });
});
