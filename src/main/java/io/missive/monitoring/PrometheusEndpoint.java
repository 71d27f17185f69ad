package io.missive.monitoring;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Serves {@link PrometheusText} at the application's {@code /metrics} on a server without
 * MicroProfile Metrics (WildFly 39), so that Prometheus scrapes Missive there as on Payara. Where the
 * server has MicroProfile Metrics it adds nothing: the server's own {@code /metrics} shows the figures.
 * Registered at start rather than declared, because whether it is wanted is known only then.
 */
@WebListener
public class PrometheusEndpoint implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(PrometheusEndpoint.class.getName());
    static final String PATH = "/metrics";

    @Inject
    private TrafficMetrics traffic;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (traffic.exportedByTheServer()) {
            return;
        }
        event.getServletContext().addServlet("missive-metrics", new MetricsServlet(traffic)).addMapping(PATH);
        LOG.info(() -> "MSV4006 Missive's metrics in Prometheus text at " + event.getServletContext().getContextPath()
                + PATH);
    }

    /** GET: the current figures; no credential, as for the server's own metrics (docs/operations.md). */
    private static final class MetricsServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final transient TrafficMetrics traffic;

        MetricsServlet(TrafficMetrics traffic) {
            this.traffic = traffic;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = PrometheusText.of(traffic.counters(), traffic.protocols(), traffic::connections,
                    traffic.backlog());
            response.setContentType(PrometheusText.CONTENT_TYPE);
            response.getWriter().write(body);
        }
    }
}
