#!/bin/sh
# Idempotent Kafka bootstrap for compose, as admin: one SCRAM-SHA-512 user per service (password
# from the environment), the topics, and the ACLs of local-stack's KafkaAccess:
#   each producer WRITEs its own mcpm.events.<service> topic only;
#   audit-service READs every mcpm.events.* topic and WRITEs mcpm.audit.* (dead letters, checkpoints);
#   the gateway and the services following user status READ mcpm.events.auth-server;
#   every service may use consumer groups named after itself.
# Then it stays up, healthy once /tmp/ready exists, so services can wait for it (service_healthy).
set -eu
: "${KAFKA_ADMIN_PASSWORD:?}"
bin=/opt/kafka/bin
umask 077
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
broker="--bootstrap-server kafka:9092 --command-config $admin"

producers="auth-server integration-service git-connection-service mcp-server-service"
followers="integration-service git-connection-service mcp-server-service gateway"
principals="$producers audit-service gateway"

user() { # <principal> <password>
  [ -n "$2" ] || { echo "no Kafka password for $1" >&2; exit 1; }
  $bin/kafka-configs.sh $broker --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" >/dev/null
}
topic() { $bin/kafka-topics.sh $broker --create --if-not-exists --topic "$1" >/dev/null; }
allow() { # <principal> <kafka-acls arguments>...
  principal=$1
  shift
  $bin/kafka-acls.sh $broker --add --allow-principal "User:$principal" "$@" >/dev/null
}

user auth-server "${KAFKA_AUTH_SERVER_PASSWORD:-}"
user integration-service "${KAFKA_INTEGRATION_SERVICE_PASSWORD:-}"
user git-connection-service "${KAFKA_GIT_CONNECTION_SERVICE_PASSWORD:-}"
user mcp-server-service "${KAFKA_MCP_SERVER_SERVICE_PASSWORD:-}"
user audit-service "${KAFKA_AUDIT_SERVICE_PASSWORD:-}"
user gateway "${KAFKA_GATEWAY_PASSWORD:-}"

for producer in $producers; do
  topic "mcpm.events.$producer"
  allow "$producer" --operation Write --topic "mcpm.events.$producer"
done
topic mcpm.audit.dead-letters
topic mcpm.audit.checkpoints
allow audit-service --operation Read --topic mcpm.events. --resource-pattern-type prefixed
allow audit-service --operation Write --topic mcpm.audit. --resource-pattern-type prefixed
for follower in $followers; do
  allow "$follower" --operation Read --topic mcpm.events.auth-server
done
for principal in $principals; do
  allow "$principal" --operation Read --group "$principal" --resource-pattern-type prefixed
done

touch /tmp/ready
echo "kafka-init: users, topics and ACLs in place"
while true; do sleep 3600; done
