package org.omotenashi.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.omotenashi.core.security.Allow;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Which modules are installed and whether each is active; any authenticated caller may ask. */
@Path("/health")
@Allow(Allow.AUTHENTICATED)
public class HealthResource {
    private final BundleContext context;

    HealthResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health() {
        List<Map<String, Object>> modules = ModuleBundles.all(context).stream()
                .map(HealthResource::describe).toList();
        boolean allActive = modules.stream().allMatch(m -> "ACTIVE".equals(m.get("state")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", allActive ? "UP" : "DEGRADED");
        answer.put("modules", modules);
        return answer;
    }

    private static Map<String, Object> describe(Bundle bundle) {
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("name", ModuleBundles.name(bundle));
        module.put("bundle", bundle.getSymbolicName());
        module.put("version", bundle.getVersion().toString());
        module.put("state", ModuleBundles.state(bundle));
        return module;
    }
}
