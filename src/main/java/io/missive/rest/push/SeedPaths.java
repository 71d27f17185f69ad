package io.missive.rest.push;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the push service's seed paths ({@code /registration}, {@code /put}) by forwarding them to the REST
 * application under {@code /api/push/}, so that a device written for the seed finds its URLs
 * while the REST application keeps its own root and the site's static files stay reachable.
 * Async-capable, because {@code /put} answers from a suspended request once its message is stored.
 *
 * <p>A servlet mapped to the exact paths, not a filter in front of the default servlet: a path that
 * only the default servlet matches is first looked up as a file of the site, and Payara's mapper
 * answers a missing file with an exception, whose stack trace cost {@code /put} about 4% of its CPU
 * (docs/benchmarks.md).
 */
@WebServlet(urlPatterns = {"/registration", "/put"}, asyncSupported = true)
public class SeedPaths extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.getRequestDispatcher("/api/push" + request.getServletPath()).forward(request, response);
    }
}
