// A DOCKER-USER rule as the firewall model holds it, for tests that put one into a model: a DROP
// that matches everything unless `r` says otherwise.
import type { UserRule } from '../../src/shared/firewall';

export const userRule = (r: Partial<UserRule> & { rule: string }): UserRule => ({
  chain: 'DOCKER-USER',
  verdict: 'DROP',
  source: null,
  destination: null,
  inInterface: null,
  outInterface: null,
  protocol: null,
  port: null,
  ...r,
});
