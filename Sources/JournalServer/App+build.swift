public import Hummingbird
import HummingbirdCore
public import JournalService
import Localization
import Logging
import ServiceLifecycle

/// Builds the application the server runs and the tests call: one function, one router,
/// and the connection limits of `configuration` in front of it.
public func buildApplication(service: JournalService, configuration: ServerConfiguration) -> some ApplicationProtocol {
    let router = buildRouter(service: service, configuration: configuration).router
    var logger = Logger(label: "SchoolJournal")
    logger.logLevel = .info
    let limits = configuration.connectionLimits
    let perAddress = ConnectionsPerAddress(
        limit: limits.connectionsPerAddress, exempt: configuration.trustedProxies, logger: logger)
    var services: [any Service] = []
    if let delivery = configuration.delivery {
        services.append(DeliveryScheduler(service: service, settings: delivery, logger: logger))
    }
    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            GuardedHTTPChannel(responder: responder, limits: limits, perAddress: perAddress)
        },
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "SchoolJournal",
            backlog: limits.backlog,
            availableConnectionsDelegate: ConnectionCap(maximum: limits.maximumConnections, logger: logger)),
        services: services, logger: logger)
}

/// The router with every route, and the list of API operations it registered.
public func buildRouter(
    service: JournalService, configuration: ServerConfiguration = ServerConfiguration()
) -> (router: Router<JournalRequestContext>, operations: [APIOperation]) {
    // Read the files the server serves now, while descriptors are free: read lazily under a
    // flood that took them all, they would fail and stay missing until a restart.
    _ = OpenAPIDocument.text
    _ = WebRenderer.shared
    let router = Router(context: JournalRequestContext.self)
    router.add(middleware: TransportSecurityMiddleware(configuration: configuration))
    router.add(middleware: ProblemMiddleware<JournalRequestContext>())
    router.add(middleware: CanonicalPathMiddleware<JournalRequestContext>())
    router.add(middleware: AuthenticationMiddleware(service: service))
    let routes = APIRoutes(router)
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    MetaController().addRoutes(to: routes)
    SessionController(service: service, configuration: configuration).addRoutes(to: routes)
    DiaryController(service: service, cache: configuration.responseCache ? ResponseCache() : nil).addRoutes(to: routes)
    JournalController(service: service).addRoutes(to: routes)
    TimetableController(service: service).addRoutes(to: routes)
    ComplianceController(service: service).addRoutes(to: routes)
    DeliveryController(service: service).addRoutes(to: routes)
    ExportController(service: service).addRoutes(to: routes)
    PrintoutsController(service: service).addRoutes(to: routes)
    HealthController(service: service).addRoutes(to: routes)
    SurveysController(service: service).addRoutes(to: routes)
    PluginsController(service: service).addRoutes(to: routes)
    AdminController(service: service).addRoutes(to: routes)
    CalendarFeedController(service: service).addRoutes(to: routes)
    SpecialDataController(service: service).addRoutes(to: routes)
    PsychologyController(service: service).addRoutes(to: routes)
    PersonnelController(service: service).addRoutes(to: routes)
    SecretaryController(service: service).addRoutes(to: routes)
    let web = WebSupport(service: service, configuration: configuration)
    AuthPages(web: web).addOpenRoutes(to: router.group())
    // Every other page is someone's: the session is checked, then a posted form's CSRF token,
    // before a handler runs.
    let pages = router.group().add(middleware: RequireSessionMiddleware()).add(middleware: CSRFMiddleware())
    AuthPages(web: web).addRoutes(to: pages)
    DiaryPages(web: web).addRoutes(to: pages)
    CalendarFeedPages(web: web).addRoutes(to: pages)
    AdminPages(web: web).addRoutes(to: pages)
    RightsPages(web: web).addRoutes(to: pages)
    RulesPages(web: web).addRoutes(to: pages)
    HistoryPages(web: web).addRoutes(to: pages)
    ExamPages(web: web).addRoutes(to: pages)
    TimetablePages(web: web).addRoutes(to: pages)
    CompliancePages(web: web).addRoutes(to: pages)
    ContactsPages(web: web).addRoutes(to: pages)
    PrintoutsPages(web: web).addRoutes(to: pages)
    HealthPages(web: web).addRoutes(to: pages)
    SurveyPages(web: web).addRoutes(to: pages)
    PluginPages(web: web).addRoutes(to: pages)
    ReportPages(web: web).addRoutes(to: pages)
    SpecialDataPages(web: web).addRoutes(to: pages)
    SecretaryPages(web: web).addRoutes(to: pages)
    TaskPages(web: web).addRoutes(to: pages)
    PsychologyPages(web: web).addRoutes(to: pages)
    PersonnelPages(web: web).addRoutes(to: pages)
    JournalPages(web: web).addRoutes(to: pages)
    SurveysController(service: service).addDownloads(to: pages)
    return (router, routes.operations)
}
