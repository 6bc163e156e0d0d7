package dev.parley.delivery;

/**
 * The port through which this node's notification sockets receive notifications and live-topic
 * updates: implemented by the notifications feature, which keeps each socket's inbox and topics.
 */
public interface NotificationReceiver {

    void notify(Envelope.Notify notification);

    void topicUpdate(Envelope.TopicUpdate update);
}
