package io.missive.rest.push;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the push service's seed paths ({@code /registration}, {@code /put}) by forwarding them to the REST
 * application under {@code /api/push/}, so that a device written for the seed finds its URLs
 * while the REST application keeps its own root and the site's static files stay reachable.
 * Async-capable, because {@code /put} answers from a suspended request once its message is stored.
 */
@WebFilter(urlPatterns = {"/registration", "/put"}, asyncSupported = true)
public class SeedPaths extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.getRequestDispatcher("/api/push" + request.getServletPath()).forward(request, response);
    }
}
