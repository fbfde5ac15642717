@testable import FilePlan

/// Small plans written for the tests.
enum PlanFixtures {
    static let valid = """
        # A small plan for tests.
        name: Testplan
        id: test
        valid_from: 2026-01-01
        retention: 10
        disposal: B
        schutzbedarf: normal
        nodes:
          - code: "0"
            title: Allgemeine Verwaltung
            children:
              - code: "01"
                title: Organisation
                keywords: [Organisation, Geschäftsverteilung]
              - code: "02"
                title: Personal
                schutzbedarf: hoch
                children:
                  - code: "020"
                    title: Personalakten
                    retention: 30
                  - code: "021"
                    title: Bewerbungen
                    retention: 1
                    disposal: V
          - code: "6"
            title: Bauwesen
            retention: permanent
            disposal: A
            children:
              - code: "63"
                title: Bauordnung
                keywords: [Bauantrag, Baugenehmigung]
                children:
                  - code: "63.2"
                    title: Baugenehmigungsverfahren
                    keywords: [Bauantrag, Bauvorlagen, Baugenehmigung]
                    children:
                      - code: "632.10"
                        title: Bauanträge Wohngebäude
                        keywords: [Einfamilienhaus, Wohnhaus]
                      - code: "632.20"
                        title: Bauvoranfragen
                        closed: true
          - code: "2"
            title: Schulen
            retention: 10
            disposal: V
            children:
              - code: "20"
                title: Schulverwaltung
                valid_from: 2026-01-01
                valid_until: 2030-12-31
                children:
                  - code: "201"
                    title: Schulentwicklungsplanung
                    disposal: A
        """

    static func plan(_ yaml: String = valid) throws -> FilePlan {
        try FilePlanLoader().load(yaml: yaml, file: "test.yaml")
    }
}
