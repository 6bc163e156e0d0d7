package dev.parley.notifications.control;

import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/** Live topics (prices, scores): subscribing, and publishing updates that are not stored beyond the last value. */
@ApplicationScoped
public class TopicService {

    public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    public static final int MAX_DATA = 32 * 1024;

    @Inject
    TopicIndex topics;

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    TopicValues shared;

    public record Update(String type, String topic, JsonValue data, Instant publishedAt) {
    }

    public record Subscription(String type, Object ref, String topic) {
    }

    public static String checkTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw ParleyException.badRequest("a topic matches [A-Za-z0-9_.:-]{1,128}");
        }
        return topic;
    }

    public void subscribe(Connection connection, String topic, Object ref) {
        String reply = codec.write(new Subscription("subscribed", ref, checkTopic(topic)));
        if (!topics.hasLastValue(topic)) {
            shared.lastValue(topic).ifPresent(frame -> topics.seed(topic, frame));
        }
        if (!topics.subscribe(connection, topic, reply)) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "at most " + TopicIndex.MAX_TOPICS_PER_SOCKET + " topics per socket");
        }
    }

    public void unsubscribe(Connection connection, String topic, Object ref) {
        topics.unsubscribe(connection, checkTopic(topic));
        connection.reply(codec.write(new Subscription("unsubscribed", ref, topic)));
    }

    /** Publishes {@code data}; it is serialised once and reaches every subscriber on every node. */
    public void publish(String topic, JsonValue data) {
        checkTopic(topic);
        Instant now = clock.instant();
        String frame = codec.write(new Update("update", topic, data, now));
        if (frame.length() > MAX_DATA) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "an update is at most " + MAX_DATA + " characters");
        }
        delivery.publish(new Envelope.TopicUpdate(topic, frame));
        shared.published(topic, frame, now);
    }
}
