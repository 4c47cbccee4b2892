import { effectiveRoles, hasAnyRole } from './roles';

describe('role implication', () => {
  it('gives an admin every role', () => {
    expect([...effectiveRoles(['admin'])].sort()).toEqual(['admin', 'approver', 'data-scientist', 'ml-engineer', 'viewer']);
  });

  it('lets an ml-engineer do what a data scientist can, but not approve', () => {
    expect(hasAnyRole(['ml-engineer'], ['data-scientist'])).toBe(true);
    expect(hasAnyRole(['ml-engineer'], ['approver'])).toBe(false);
  });

  it('does not let an approver build', () => {
    expect(hasAnyRole(['approver'], ['viewer'])).toBe(true);
    expect(hasAnyRole(['approver'], ['data-scientist'])).toBe(false);
  });

  it('does not let a viewer write', () => {
    expect(hasAnyRole(['viewer'], ['data-scientist', 'admin'])).toBe(false);
  });
});
