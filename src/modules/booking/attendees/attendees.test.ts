import { describe, expect, it } from 'vitest';
import { inviteeEntries, normaliseTeamsUrl, teamsUrlOf } from './attendees.service.ts';

describe('invitee entries and Teams links', () => {
  it('reads one colleague per line, comma or semicolon, as Outlook copies addresses', () => {
    expect(inviteeEntries('Sara Nilsson\r\n erik.lind@malmo.example, ; Johan Berg <johan@x.se>;\n\n')).toEqual([
      'Sara Nilsson',
      'erik.lind@malmo.example',
      'Johan Berg <johan@x.se>',
    ]);
    expect(inviteeEntries('  ')).toEqual([]);
  });

  it('takes only https links on teams.microsoft.com and teams.live.com', () => {
    expect(normaliseTeamsUrl('https://teams.microsoft.com/l/meetup-join/19%3a1%40thread.v2/0?context=%7b%7d')).toBe(
      'https://teams.microsoft.com/l/meetup-join/19%3a1%40thread.v2/0?context=%7b%7d',
    );
    expect(normaliseTeamsUrl('https://teams.live.com/meet/123;x')).toBe('https://teams.live.com/meet/123%3Bx');
    for (const bad of [
      'http://teams.microsoft.com/l/1',
      'https://teams.microsoft.com:8443/l/1',
      'https://user@teams.microsoft.com/l/1',
      'https://teams.microsoft.com.example.org/l/1',
      'https://example.org/teams.microsoft.com',
      'teams.microsoft.com/l/1',
      `https://teams.microsoft.com/${'a'.repeat(2000)}`,
    ])
      expect(normaliseTeamsUrl(bad), bad).toBeUndefined();
  });

  it('leaves the link as it is when the field is absent, and removes it when empty', () => {
    expect(teamsUrlOf(undefined)).toEqual({ errors: [] });
    expect(teamsUrlOf('  ')).toEqual({ teamsUrl: null, errors: [] });
    expect(teamsUrlOf('nope').errors).toEqual([{ field: 'teamsUrl', code: 'teamsUrl' }]);
  });
});
