// Prints a channel's key, base64url, for the operator of a channel process or plug-in:
// `CHANNEL_MASTER_KEY=... npm run channel-key -- <channel>` → give the output to it as CHANNEL_KEY.
// The key is deriveChannelKey(master, channel): it opens that channel's offers and no other's.
import { channelOffersTopic } from '../libs/contracts/src/channels/channel-offers-topic.ts';
import { deriveChannelKey, parseKey } from '../libs/channel-kit/src/channel-key.ts';

const channel = process.argv[2];
const master = process.env['CHANNEL_MASTER_KEY'];

function refuse(message: string): never {
  process.stderr.write(`channel-key: ${message}\nusage: CHANNEL_MASTER_KEY=<base64url> npm run channel-key -- <channel>\n`);
  process.exit(1);
}

if (!channel) refuse('name the channel (webhook, email, sms, push, or a plug-in name)');
try {
  channelOffersTopic(channel);
} catch {
  refuse(`not a channel name: ${JSON.stringify(channel)} (lower-case letters, digits and dashes)`);
}
if (!master) refuse('CHANNEL_MASTER_KEY is not set (the dispatcher\'s master key)');
let masterKey: Uint8Array;
try {
  masterKey = parseKey(master);
} catch (err) {
  refuse(`CHANNEL_MASTER_KEY: ${(err as Error).message}`);
}
process.stdout.write(`${Buffer.from(deriveChannelKey(masterKey, channel)).toString('base64url')}\n`);
