#!/usr/bin/env node
// npm run kafka:start | kafka:stop — a real single-node Apache Kafka broker (KRaft) from its
// Maven Central jars; see scripts/kafka/broker.mjs for how.
import { kafkaPaths, portOpen, startKafka, stopKafka } from './kafka/broker.mjs';

const command = process.argv[2];
try {
  if (command === 'start') {
    const { started, brokers, ms } = await startKafka();
    console.log(started ? `kafka: broker ready on ${brokers} in ${(ms / 1000).toFixed(1)} s` : `kafka: already listening on ${brokers}`);
  } else if (command === 'stop') {
    console.log((await stopKafka()) ? 'kafka: stopped' : 'kafka: not running (no pid file)');
  } else if (command === 'status') {
    const paths = kafkaPaths();
    console.log((await portOpen(paths.port)) ? `kafka: listening on 127.0.0.1:${paths.port}` : 'kafka: not running');
  } else {
    console.error('usage: kafka.mjs start|stop|status');
    process.exit(2);
  }
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
