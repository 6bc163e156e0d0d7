package dev.parley.notifications.control;

import dev.parley.notifications.entity.PreferenceDocument;
import dev.parley.notifications.entity.Preferences;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and replaces users' notification preferences. The document is validated completely before
 * anything is stored, and stored in a normalised form.
 */
@ApplicationScoped
public class PreferenceService {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    JsonCodec codec;

    public Preferences of(String user) {
        PreferenceDocument document = em.find(PreferenceDocument.class, user);
        return document == null ? Preferences.NONE : parse(codec.readObject(document.document()));
    }

    /** Preferences of many users in one query; users without a document get {@link Preferences#NONE}. */
    public Map<String, Preferences> of(Collection<String> users) {
        Map<String, Preferences> result = new HashMap<>();
        if (users.isEmpty()) {
            return result;
        }
        for (PreferenceDocument document : em.createQuery(
                "select p from PreferenceDocument p where p.username in :users", PreferenceDocument.class)
                .setParameter("users", users).getResultList()) {
            result.put(document.username(), parse(codec.readObject(document.document())));
        }
        return result;
    }

    @Transactional
    public Preferences replace(String user, JsonObject document) {
        Preferences preferences = parse(document);
        String normalised = write(preferences).toString();
        PreferenceDocument stored = em.find(PreferenceDocument.class, user);
        if (stored == null) {
            em.persist(new PreferenceDocument(user, normalised));
        } else {
            stored.replace(normalised);
        }
        return preferences;
    }

    /** The contract's document: {@code {"categories":{NAME:{"enabled","minPriority"}},"quietHours":{…}|null}}. */
    public Preferences parse(JsonObject document) {
        Map<String, Preferences.CategoryRule> categories = new LinkedHashMap<>();
        JsonValue rawCategories = document.get("categories");
        if (rawCategories != null && rawCategories.getValueType() != JsonValue.ValueType.NULL) {
            if (rawCategories.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ParleyException.badRequest("'categories' must be an object of category rules");
            }
            for (Map.Entry<String, JsonValue> entry : rawCategories.asJsonObject().entrySet()) {
                if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ParleyException.badRequest("the rule of category " + entry.getKey() + " must be an object");
                }
                JsonObject rule = entry.getValue().asJsonObject();
                categories.put(entry.getKey(), new Preferences.CategoryRule(
                        JsonFields.optionalBoolean(rule, "enabled").orElse(true),
                        JsonFields.optionalString(rule, "minPriority").map(Priority::fromWire).orElse(Priority.LOW)));
            }
        }
        Optional<Preferences.QuietHours> quietHours = Optional.empty();
        JsonValue rawQuiet = document.get("quietHours");
        if (rawQuiet != null && rawQuiet.getValueType() != JsonValue.ValueType.NULL) {
            if (rawQuiet.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ParleyException.badRequest("'quietHours' must be an object or null");
            }
            JsonObject quiet = rawQuiet.asJsonObject();
            quietHours = Optional.of(Preferences.QuietHours.parse(JsonFields.requireString(quiet, "start"),
                    JsonFields.requireString(quiet, "end"), JsonFields.requireString(quiet, "zone")));
        }
        return new Preferences(categories, quietHours);
    }

    public JsonObject write(Preferences preferences) {
        var json = codec.provider();
        JsonObjectBuilder categories = json.createObjectBuilder();
        preferences.categories().forEach((name, rule) -> categories.add(name, json.createObjectBuilder()
                .add("enabled", rule.enabled())
                .add("minPriority", rule.minPriority().wireName())));
        JsonObjectBuilder document = json.createObjectBuilder().add("categories", categories);
        if (preferences.quietHours().isPresent()) {
            Preferences.QuietHours quiet = preferences.quietHours().get();
            document.add("quietHours", json.createObjectBuilder()
                    .add("start", quiet.start().toString())
                    .add("end", quiet.end().toString())
                    .add("zone", quiet.zone().getId()));
        } else {
            document.addNull("quietHours");
        }
        return document.build();
    }
}
