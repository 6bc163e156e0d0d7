package dev.parley.platform.web;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Secure by default: every REST method requires an authenticated caller (401 otherwise) unless it is
 * marked {@link Public}; {@link RequiresRole} additionally requires one of the roles (403).
 * Authentication itself happened earlier, in the servlet filter that reads cookies and tokens.
 */
@Provider
public class AccessControl implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        RequiresRole roles = method.getAnnotation(RequiresRole.class);
        if (method.isAnnotationPresent(Public.class)) {
            return;
        }
        if (roles == null) {
            if (type.isAnnotationPresent(Public.class)) {
                return;
            }
            roles = type.getAnnotation(RequiresRole.class);
        }
        context.register(new Check(roles == null ? new String[0] : roles.value()));
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {
        private final String[] roles;

        Check(String[] roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                throw new ParleyException(ErrorCode.UNAUTHORIZED, "authentication required (session cookie or Bearer token)");
            }
            if (roles.length > 0 && Arrays.stream(roles).noneMatch(security::isUserInRole)) {
                throw ParleyException.forbidden("requires role " + String.join(" or ", roles));
            }
        }
    }
}
