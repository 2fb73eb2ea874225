/** What `help` and a usage error print. */
export const USAGE = `usage: ciba-events <command> [options]   (npm run events -- <command> [options])

  tail [--client <client_id>] [--user <sub>] [--state <state>[,<state>...]] [--json] [--from-beginning] [--reorder-ms <ms>]
      one line per event of every auth request, as it happens (from now on; --from-beginning: from the oldest retained)
      states: requested prompted offer_delivered offer_failed offer_timed_out delivered undeliverable
              approved denied expired notified notify_failed redeemed refreshed dead_lettered (decided = approved,denied)
  stats [--window <30s|5m|1h>] [--json]
      rates per topic and event type, latency percentiles per stage over the window, lag per topic and consumer group
  dlq list [--topic <topic>] [--group <group>] [--json]
      the retained dead letters: time, id, reason, topic, group, original event id, whether replayable
  dlq replay <id>... | --all [--topic <topic>] [--group <group>] [--json]
      republishes each original message to its topic once it validates against its contract

The bus comes from the services' variables: KAFKA_BROKERS (and KAFKA_TOPIC_PREFIX) for Kafka, else
REDIS_URL (and REDIS_NAMESPACE) for Redis Streams. A value that starts with "-" (client ids may)
goes after "=": --client=-Xy3.`;
