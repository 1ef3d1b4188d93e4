let storeMigrationCount = embeddedMigrations.count
