/**
 * The web UI: thin servlets that forward to JSP shells under {@code WEB-INF/jsp/app}. The pages' ES
 * modules (under {@code /js}) talk to the server only through {@code /js/parley-client.js} (sockets)
 * and the REST API.
 */
package dev.parley.ui.boundary;
