CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`theme_id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`polarity` text NOT NULL,
	`period_type` text NOT NULL,
	`definition` text NOT NULL,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `la_code_history` (
	`old_la_code` text NOT NULL,
	`new_la_code` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL,
	FOREIGN KEY (`old_la_code`) REFERENCES `local_authorities`(`old_la_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `la_code_history_new_la_code_unique` ON `la_code_history` (`new_la_code`);--> statement-breakpoint
CREATE INDEX `la_code_history_la` ON `la_code_history` (`old_la_code`);--> statement-breakpoint
CREATE TABLE `la_lineage` (
	`predecessor_code` text NOT NULL,
	`successor_code` text NOT NULL,
	`effective_from` text NOT NULL,
	`note` text NOT NULL,
	PRIMARY KEY(`predecessor_code`, `successor_code`),
	FOREIGN KEY (`predecessor_code`) REFERENCES `local_authorities`(`old_la_code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_code`) REFERENCES `local_authorities`(`old_la_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `loads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loaded_at` text NOT NULL,
	`loaded_by` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`rows_read` integer NOT NULL,
	`rows_new` integer NOT NULL,
	`rows_changed` integer NOT NULL,
	`rows_unchanged` integer NOT NULL,
	`warnings` integer DEFAULT 0 NOT NULL,
	`state` text NOT NULL,
	`reverts_load_id` integer
);
--> statement-breakpoint
CREATE TABLE `local_authorities` (
	`old_la_code` text PRIMARY KEY NOT NULL,
	`new_la_code` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	`region_name` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_authorities_new_la_code_unique` ON `local_authorities` (`new_la_code`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`observation_id` integer NOT NULL,
	`value` real,
	`symbol` text,
	`numerator` real,
	`denominator` real,
	`status` text NOT NULL,
	`published_quartile` integer,
	`source_ref` text NOT NULL,
	`note` text,
	`load_id` integer NOT NULL,
	`replaced_by_load_id` integer NOT NULL,
	FOREIGN KEY (`replaced_by_load_id`) REFERENCES `loads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `observation_history_by_observation` ON `observation_history` (`observation_id`);--> statement-breakpoint
CREATE INDEX `observation_history_by_load` ON `observation_history` (`replaced_by_load_id`);--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` text NOT NULL,
	`geography_level` text NOT NULL,
	`geography_code` text NOT NULL,
	`period_id` text NOT NULL,
	`period_kind` text NOT NULL,
	`period_end` integer NOT NULL,
	`value` real,
	`symbol` text,
	`numerator` real,
	`denominator` real,
	`status` text DEFAULT 'final' NOT NULL,
	`published_quartile` integer,
	`source_ref` text NOT NULL,
	`note` text,
	`load_id` integer NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`load_id`) REFERENCES `loads`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "observations_value_or_symbol" CHECK(("observations"."value" is null) <> ("observations"."symbol" is null)),
	CONSTRAINT "observations_quartile" CHECK("observations"."published_quartile" is null or "observations"."published_quartile" between 1 and 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_key` ON `observations` (`indicator_id`,`geography_level`,`geography_code`,`period_id`);--> statement-breakpoint
CREATE INDEX `observations_by_place` ON `observations` (`geography_code`,`period_id`);--> statement-breakpoint
CREATE INDEX `observations_by_indicator_period` ON `observations` (`indicator_id`,`period_end`,`geography_level`);--> statement-breakpoint
CREATE TABLE `rag_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` text NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`proposed_status` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`overridden_by` text NOT NULL,
	`overridden_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_code`) REFERENCES `local_authorities`(`old_la_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rag_overrides_by_place` ON `rag_overrides` (`la_code`,`period_id`,`indicator_id`);--> statement-breakpoint
CREATE TABLE `stat_neighbours` (
	`model_year` integer NOT NULL,
	`la_code` text NOT NULL,
	`rank` integer NOT NULL,
	`neighbour_code` text NOT NULL,
	`closeness` text NOT NULL,
	PRIMARY KEY(`model_year`, `la_code`, `rank`),
	CONSTRAINT "stat_neighbours_rank" CHECK("stat_neighbours"."rank" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`indicator_id` text NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`value` real NOT NULL,
	`tolerance_kind` text,
	`tolerance_amount` real,
	`source_ref` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL,
	PRIMARY KEY(`indicator_id`, `la_code`, `period_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`la_code`) REFERENCES `local_authorities`(`old_la_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`outcome` text NOT NULL,
	`position` integer NOT NULL
);
