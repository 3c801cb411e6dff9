import type { User } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { bDb } from '../booking.table.ts';
import { INSIGHT_GROUP } from './insight.service.ts';

/**
 * Test fixture (the harnesses' `booking.insight`): the insight pages are open to administrators
 * and to members of the facilities group; "owning" them means being a member. The fixture makes
 * the owner one, so the permission matrix expects every other non-administrator to be refused.
 */
export async function insightViewerFixture(db: Db, owner: User): Promise<{ secrets: string[] }> {
  await bDb(db)
    .insertInto('booking_group_members')
    .values({ group_id: INSIGHT_GROUP, user_id: owner.id })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .execute();
  return { secrets: [] };
}
