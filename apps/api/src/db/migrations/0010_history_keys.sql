ALTER TABLE `loads` ADD `reapplies_load_id` integer;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `indicator_id` text;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `geography_level` text;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `geography_code` text;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `period_id` text;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `period_kind` text;--> statement-breakpoint
ALTER TABLE `observation_history` ADD `period_end` integer;--> statement-breakpoint
-- Versions kept before this migration: their figure's key, where the figure is still stored.
UPDATE `observation_history` SET `indicator_id` = o.`indicator_id`, `geography_level` = o.`geography_level`,
  `geography_code` = o.`geography_code`, `period_id` = o.`period_id`, `period_kind` = o.`period_kind`,
  `period_end` = o.`period_end`
FROM `observations` AS o WHERE o.`id` = `observation_history`.`observation_id`;
