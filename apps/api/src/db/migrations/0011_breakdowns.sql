DROP INDEX `observations_key`;--> statement-breakpoint
ALTER TABLE `observations` ADD `breakdown` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `observations_key` ON `observations` (`indicator_id`,`geography_level`,`geography_code`,`period_id`,`breakdown`);--> statement-breakpoint
ALTER TABLE `observation_history` ADD `breakdown` text DEFAULT '' NOT NULL;