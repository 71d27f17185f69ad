/**
 * Configuration read once per area into typed records ({@link io.missive.config.StoreSettings},
 * {@link io.missive.config.HistorySettings}, {@link io.missive.config.PushSettings}), made by
 * {@link io.missive.config.SettingsProducer} from MicroProfile Config, so that no key and no default
 * is written twice; and the application's one JSON-P provider ({@link io.missive.config.SharedJson}).
 */
package io.missive.config;
