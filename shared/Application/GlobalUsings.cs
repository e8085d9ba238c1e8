// Every stage service works through the storage adapters and sends or reads the pipeline's messages and settings.
global using CustomerValue.Application.Messages;
global using CustomerValue.Application.Settings;
global using CustomerValue.Storage;
global using CustomerValue.Storage.Customers;
global using CustomerValue.Storage.Notifications;
global using CustomerValue.Storage.Records;
global using CustomerValue.Storage.Reliability;
global using CustomerValue.Storage.Snapshots;
global using CustomerValue.Storage.Uploads;
