import { assignRequestId } from '../../../../src/routes/backchannel-authentication/assign-request-id.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { createTestDirectory } from '../../../support/test-directory.ts';

describe('assignRequestId', () => {
  it('gives each request a fresh UUID', async () => {
    const directory = await createTestDirectory();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { ctx } = backchannelContext(directory);
      assignRequestId(ctx);
      expect(ctx.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(ctx.requestId!);
    }
    expect(ids.size).toBe(20);
  });
});
