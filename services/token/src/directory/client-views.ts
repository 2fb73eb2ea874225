import type { ClientView } from '@ciba/contracts';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { toClientView } from '../domain/clients/to-client-view.ts';

/**
 * `toClientView`, built once per client record and frozen: records are immutable and the client
 * cache hands out the same record object, so every answer for a client shares one view.
 */
export function clientViews(): (client: ClientRecord) => ClientView {
  const views = new WeakMap<ClientRecord, ClientView>();
  return (client) => {
    let view = views.get(client);
    if (!view) {
      view = toClientView(client);
      Object.freeze(view.grant_types);
      if (view.consent_channel_types) Object.freeze(view.consent_channel_types);
      if (view.backchannel_user_hint_types) Object.freeze(view.backchannel_user_hint_types);
      Object.freeze(view);
      views.set(client, view);
    }
    return view;
  };
}
