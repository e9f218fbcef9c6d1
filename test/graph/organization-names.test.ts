import { describe, expect, it } from 'vitest';
import {
  bundledOrganizations,
  displayOrganizationName,
  OrganizationNameResolver,
  organizationKey,
} from '../../graph/index.ts';

describe('assignee name normalisation', () => {
  it.each([
    ['MITSUI CHEMICALS, INC.', 'mitsui chemicals', 'Mitsui Chemicals'],
    ['Mitsui Chemicals Inc', 'mitsui chemicals', 'Mitsui Chemicals'],
    ['SUMITOMO CHEMICAL CO., LTD.', 'sumitomo chemical', 'Sumitomo Chemical'],
    [
      'Hewlett-Packard Development Company, L.P.',
      'hewlett packard development',
      'Hewlett-Packard Development',
    ],
    ['Kabushiki Kaisha Toshiba', 'toshiba', 'Toshiba'],
    ['The Procter & Gamble Company', 'procter and gamble', 'Procter & Gamble'],
    ['Foo GmbH & Co. KG', 'foo', 'Foo'],
    ['Acme S.A.', 'acme', 'Acme'],
    ['Acme K.K.', 'acme', 'Acme'],
    ['BASF SE', 'basf', 'BASF'],
    // The legal form closes a bracket group: the group it leaves open goes too.
    ['Omega SA (Omega AG) (Omega Ltd.)', 'omega sa omega ag omega', 'Omega SA (Omega AG)'],
    [
      'Regents of the University of Michigan',
      'regents of the university of michigan',
      'Regents of the University of Michigan',
    ],
  ])('%s → key "%s", shown as "%s"', (name, key, shown) => {
    expect(organizationKey(name)).toBe(key);
    expect(displayOrganizationName(name)).toBe(shown);
  });

  it('files renamings and subsidiaries under the organisation they belong to, others under their own key', () => {
    const resolver = new OrganizationNameResolver(bundledOrganizations());
    expect(resolver.resolve('Mitsui Petrochemical Industries, Ltd.')?.id).toBe('org:mitsui-chemicals');
    expect(resolver.resolve('NIPPON ZEON CO., LTD.')).toEqual({
      id: 'org:zeon',
      name: 'Zeon',
      aliases: ['NIPPON ZEON CO., LTD.'],
    });
    expect(resolver.resolve('Dow Global Technologies LLC')?.id).toBe('org:dow');
    expect(resolver.resolve('ACME WIDGETS CORPORATION')).toEqual({
      id: 'org:acme-widgets',
      name: 'Acme Widgets',
      aliases: ['ACME WIDGETS CORPORATION'],
    });
    expect(resolver.resolve(' , ')).toBeUndefined();
  });
});
