import { describe, expect, it } from 'vitest';
import { materialStateLabel } from './material-list-item';

describe('materialStateLabel', () => {
  it('names drafts as drafts, never as withdrawn', () => {
    expect(materialStateLabel('draft')).toEqual({ text: 'Draft', colour: 'yellow' });
    expect(materialStateLabel('published')).toEqual({ text: 'Published', colour: 'green' });
    expect(materialStateLabel('withdrawn')).toEqual({ text: 'Withdrawn', colour: 'grey' });
  });
});
